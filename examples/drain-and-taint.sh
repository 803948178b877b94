# Maintenance: drain a node (refusals first, then with the right flags), and taints.
kubectl create deployment web --image=nginx --replicas=3
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels:
      app: log-agent
  template:
    metadata:
      labels:
        app: log-agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "infinity"]
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  nodeName: worker-2
  containers:
  - name: main
    image: busybox
    command: ["sleep", "infinity"]
EOF
sim advance 10s
kubectl get pods -o wide
kubectl drain worker-2
kubectl drain worker-2 --ignore-daemonsets --force
kubectl get nodes
kubectl get pods -o wide
kubectl uncordon worker-2
# A NoSchedule taint keeps new pods away; NoExecute evicts the pods that do not tolerate it.
kubectl taint nodes worker-3 dedicated=db:NoSchedule
kubectl scale deployment web --replicas=5
sim advance 10s
kubectl get pods -o wide
kubectl taint nodes worker-3 dedicated=db:NoExecute
sim advance 40s
kubectl get pods -o wide
kubectl taint nodes worker-3 dedicated-
